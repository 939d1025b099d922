/** llm.npu's ablation: its techniques added one at a time, each step a simulation on the built-in plans and policies. */
package org.hetsched.reports.ablation;
