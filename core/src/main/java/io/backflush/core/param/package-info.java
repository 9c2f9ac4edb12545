/**
 * Parameter validation shared by every parameter record in {@code core} and {@code sim}, and the
 * one loader of parameter files.
 *
 * <p>Parameter records check themselves in their compact constructors with {@link
 * io.backflush.core.param.Require} (finite, positive, non-negative, in a range, present). A value the
 * model cannot use raises {@link io.backflush.core.param.InvalidParameterException}, which carries the
 * field's name as it would appear in a machine or program file (for example {@code freeVolumeMl}), so
 * that a loader can point the user at the offending field; {@link
 * io.backflush.core.machine.Machine#of} prefixes nested fields (for example {@code pump.curve}) and
 * adds the cross-field rules, such as an over-pressure valve set at or above the pump's stall
 * pressure. The command line reports these errors as one line with exit code 2.
 *
 * <p>Machine, program and strategy files are read by one loader in three layers:
 * <ul>
 *   <li>{@link io.backflush.core.param.ParameterFiles}: a name is a built-in or else a file; reads it
 *       and hands it to the kind's reader, and reports every problem in the kind's exception
 *       ({@code MachineFiles}, {@code ProgramFiles}, {@code StrategyFiles} are its three kinds);</li>
 *   <li>{@link io.backflush.core.param.RecordBinder}: maps the tree to a record with Jackson, strictly
 *       (subtypes by Jackson's own {@code @JsonTypeInfo}/{@code @JsonSubTypes}), and turns what is
 *       refused into a message at the field;</li>
 *   <li>{@link io.backflush.core.param.YamlDocument}: the YAML layer, only what Jackson does not do
 *       (the place of every field, no aliases or tags, {@code .inf}/{@code .nan}, bounds).</li>
 * </ul>
 * Every message reads {@code file:line:column: field.path: reason}
 * ({@link io.backflush.core.param.ParameterFileException}).
 */
package io.backflush.core.param;
