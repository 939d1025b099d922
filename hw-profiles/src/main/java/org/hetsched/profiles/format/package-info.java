/** File formats: device profiles, partition plans and Hugging Face model configs, each read and validated in one place. */
package org.hetsched.profiles.format;
