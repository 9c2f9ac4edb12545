/**
 * Arduino-style firmware against the plant: {@code backflush firmware run}.
 *
 * <p>A sketch ({@link io.backflush.sim.firmware.Sketch}) is turned into one C++ translation unit
 * the way the Arduino build does it ({@link io.backflush.sim.firmware.InoPreprocessor}), compiled
 * with the system's g++ against the host kit in {@code clients/arduino}
 * ({@link io.backflush.sim.firmware.ArduinoKit}, {@link io.backflush.sim.firmware.SketchBuilder},
 * cached by a hash of everything that goes into the binary), and run against an in-process
 * lockstep {@link io.backflush.sim.hil.server.HilServer} on 127.0.0.1
 * ({@link io.backflush.sim.firmware.FirmwareRunner}). The kit owns nothing of the physics: it is
 * the Arduino core and the sensor libraries' interfaces over the binary protocol, with the plant's
 * time as the only time (README, "Your Arduino firmware against the plant").
 */
package io.backflush.sim.firmware;
