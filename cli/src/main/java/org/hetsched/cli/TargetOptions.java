package org.hetsched.cli;

import picocli.CommandLine.Mixin;

/** Which model runs on which device with which partition plan; shared by every command that simulates a prefill. */
final class TargetOptions {

    @Mixin
    ModelOption model;

    @Mixin
    DeviceOption device;

    @Mixin
    PlanOption plan;
}
