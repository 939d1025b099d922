package org.hetsched.cli;

/** How a command prints its result. */
enum OutputFormat {
    table,
    json
}
