/*
 * backflush - a backflush program started by the clean button: fill (pump on, three-way valve
 * energised) until the group pressure goes quiet or a timeout, release (pump off, valve
 * released: the whoosh into the drip tray), count; three cycles, then two rinse cycles.
 *
 * The valve and the pump are on a two-channel relay board whose inputs are active low; the group
 * transducer is on channel 1 of an ADS1115. "Quiet": the pressure is above 3 bar and moved less
 * than 0.03 bar in each of ten 100 ms samples (1 s), after at least 2 s of filling.
 *
 *   ./backflush firmware run clients/arduino/examples/backflush \
 *       --pins clients/arduino/examples/backflush/pins.json --machine single-boiler \
 *       --scenario clients/arduino/examples/backflush/clean.yaml --until 60
 */
#include <Wire.h>
#include <Adafruit_ADS1X15.h>

const int PIN_PUMP_RELAY = 6;  // active low
const int PIN_VALVE_RELAY = 7; // active low
const int PIN_CLEAN = 5;       // closes to ground

const int CYCLES = 3;
const int RINSES = 2;
const unsigned long MIN_FILL_MS = 2000;
const unsigned long FILL_TIMEOUT_MS = 10000;
const unsigned long RELEASE_MS = 4000;
const unsigned long DEBOUNCE_MS = 50;

Adafruit_ADS1115 ads;

enum State { IDLE, FILL, RELEASE, DONE };
State state = IDLE;
int cycle = 0;
unsigned long stateSinceMs, lastSampleMs, buttonLowSinceMs;
bool buttonWasLow = false;
float lastBar = 0;
int quietSamples = 0;

float groupBar() {
  return (ads.computeVolts(ads.readADC_SingleEnded(1)) - 0.5f) * 3.0f;  // 4 V span for 12 bar
}

void pump(bool on) { digitalWrite(PIN_PUMP_RELAY, on ? LOW : HIGH); }
void valve(bool energised) { digitalWrite(PIN_VALVE_RELAY, energised ? LOW : HIGH); }

bool cleanPressed() {
  bool low = digitalRead(PIN_CLEAN) == LOW;
  if (low && !buttonWasLow) buttonLowSinceMs = millis();
  bool was = buttonWasLow;
  buttonWasLow = low;
  return low && was && millis() - buttonLowSinceMs >= DEBOUNCE_MS;
}

void startFill() {
  state = FILL;
  stateSinceMs = lastSampleMs = millis();
  quietSamples = 0;
  lastBar = groupBar();
  valve(true);
  pump(true);
}

void setup() {
  Serial.begin(115200);
  digitalWrite(PIN_PUMP_RELAY, HIGH);  // relays off before the pins drive them
  digitalWrite(PIN_VALVE_RELAY, HIGH);
  pinMode(PIN_PUMP_RELAY, OUTPUT);
  pinMode(PIN_VALVE_RELAY, OUTPUT);
  pump(false);
  valve(false);
  pinMode(PIN_CLEAN, INPUT_PULLUP);
  ads.begin();
  Serial.println(F("backflush: press clean to start"));
}

void loop() {
  unsigned long now = millis();
  switch (state) {
    case IDLE:
    case DONE:
      if (cleanPressed()) {
        cycle = 0;
        Serial.print(F("clean pressed at t="));
        Serial.println(now / 1000.0, 3);
        startFill();
      }
      break;
    case FILL: {
      if (now - lastSampleMs < 100) break;
      lastSampleMs = now;
      float bar = groupBar();
      quietSamples = (bar > 3.0f && fabs(bar - lastBar) < 0.03f) ? quietSamples + 1 : 0;
      lastBar = bar;
      unsigned long filled = now - stateSinceMs;
      bool quiet = quietSamples >= 10 && filled >= MIN_FILL_MS;
      if (quiet || filled >= FILL_TIMEOUT_MS) {
        pump(false);
        valve(false);
        state = RELEASE;
        stateSinceMs = now;
        Serial.printf("%s %d: %s after %.2f s at %.2f bar\n", cycle < CYCLES ? "backflush" : "rinse",
                      cycle < CYCLES ? cycle + 1 : cycle - CYCLES + 1, quiet ? "quiet" : "timeout", filled / 1000.0, bar);
      }
      break;
    }
    case RELEASE:
      if (now - stateSinceMs >= RELEASE_MS) {
        cycle++;
        if (cycle >= CYCLES + RINSES) {
          state = DONE;
          Serial.print(F("backflush done: "));
          Serial.print(cycle);
          Serial.println(F(" cycles"));
        } else {
          startFill();
        }
      }
      break;
  }
}
