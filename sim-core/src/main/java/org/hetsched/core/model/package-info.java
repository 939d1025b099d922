/** Decoder-only Transformer architectures and the built-in catalog of models. */
package org.hetsched.core.model;
