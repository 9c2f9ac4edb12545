/*
 * boiler_pid - an espresso boiler held at 95 C by a PID on a MAX31855 thermocouple, switching
 * the heater's solid-state relay in 1 s time-proportioning windows, with thermocouple safety:
 * no reading (an open thermocouple), an impossible reading, or a reading that stays frozen for
 * 3 s while the PID asks for more than half power latches a fault that turns the heater off.
 *
 * Run against the plant:
 *   ./backflush firmware run clients/arduino/examples/boiler_pid --pins clients/arduino/examples/boiler_pid/pins.json \
 *       --machine single-boiler --until 40
 */
#include <SPI.h>
#include <Adafruit_MAX31855.h>

const int PIN_THERMO_CS = 10;
const int PIN_HEATER_SSR = 8;

const double SETPOINT_C = 95.0;
const unsigned long PID_PERIOD_MS = 100;
const unsigned long WINDOW_MS = 1000;
const unsigned long FROZEN_MS = 3000;

const double KP = 0.20;   // heater fraction per C of error
const double KI = 0.008;  // per C per second
const double KD = 0.0;    // none: the 0.25 C steps would make the derivative jump

Adafruit_MAX31855 thermocouple(PIN_THERMO_CS);

double integral = 0;
double output = 0;  // 0..1 of each window
double lastReading = NAN;
unsigned long lastPidMs, windowStartMs, unchangedSinceMs, lastReportMs;
bool faulted = false;

void tripFault(const char *why, double reading) {
  faulted = true;
  output = 0;
  digitalWrite(PIN_HEATER_SSR, LOW);
  Serial.print(F("thermocouple fault: "));
  Serial.print(why);
  Serial.print(F(" (reading "));
  Serial.print(reading, 2);
  Serial.print(F(" C) at t="));
  Serial.print(millis() / 1000.0, 3);
  Serial.println(F(" s: heater off"));
}

double pidStep(double reading, double dtSeconds) {
  double error = SETPOINT_C - reading;
  double candidate = integral + error * dtSeconds;
  double out = KP * error + KI * candidate;
  if (out > 0.0 && out < 1.0) integral = candidate;  // anti-windup: integrate only when not saturated
  return constrain(out, 0.0, 1.0);
}

void checkThermocouple(double c, unsigned long now) {
  if (thermocouple.readError() != 0 || isnan(c)) {
    tripFault("no reading (open thermocouple)", c);
  } else if (c < 5.0 || c > 160.0) {
    tripFault("impossible reading", c);
  } else if (c != lastReading) {
    lastReading = c;
    unchangedSinceMs = now;
  } else if (output > 0.5 && now - unchangedSinceMs >= FROZEN_MS) {
    tripFault("reading frozen for 3 s while heating", c);
  }
}

void setup() {
  Serial.begin(115200);
  pinMode(PIN_HEATER_SSR, OUTPUT);
  digitalWrite(PIN_HEATER_SSR, LOW);
  thermocouple.begin();
  delay(500);  // the MAX31855's first conversions
  lastPidMs = windowStartMs = unchangedSinceMs = lastReportMs = millis();
  Serial.print(F("boiler_pid: holding "));
  Serial.print(SETPOINT_C, 1);
  Serial.println(F(" C"));
}

void loop() {
  unsigned long now = millis();
  if (now - lastPidMs >= PID_PERIOD_MS) {
    double dt = (now - lastPidMs) / 1000.0;
    lastPidMs = now;
    double c = thermocouple.readCelsius();
    if (!faulted) checkThermocouple(c, now);
    if (!faulted) output = pidStep(c, dt);
  }
  while (now - windowStartMs >= WINDOW_MS) windowStartMs += WINDOW_MS;
  bool on = !faulted && (now - windowStartMs) < output * WINDOW_MS;
  digitalWrite(PIN_HEATER_SSR, on ? HIGH : LOW);
  if (now - lastReportMs >= 5000) {
    lastReportMs = now;
    Serial.printf("t=%.1f s boiler %.2f C heater %.0f %%%s\n", now / 1000.0, lastReading, output * 100.0,
                  faulted ? " (fault)" : "");
  }
}
