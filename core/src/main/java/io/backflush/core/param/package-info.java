/**
 * Parameter validation shared by every parameter record in {@code core} and {@code sim}.
 *
 * <p>Parameter records check themselves in their compact constructors with {@link
 * io.backflush.core.param.Require} (finite, positive, non-negative, in a range, present). A value the
 * model cannot use raises {@link io.backflush.core.param.InvalidParameterException}, which carries the
 * field's name as it would appear in a machine or program file (for example {@code freeVolumeMl}), so
 * that a loader can point the user at the offending field; {@link
 * io.backflush.core.machine.Machine#of} prefixes nested fields (for example {@code pump.curve}) and
 * adds the cross-field rules, such as an over-pressure valve set at or above the pump's stall
 * pressure. The command line reports these errors as one line with exit code 2.
 */
package io.backflush.core.param;
