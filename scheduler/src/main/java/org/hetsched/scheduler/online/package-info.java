/** Online policies: they decide at each dispatch from the ready tasks. */
package org.hetsched.scheduler.online;
