/*
 * pressure_profile - a pressure-profiled shot: the brew button starts it; the pump's triac is
 * pulse-skipped on the mains zero cross (PSM library) to follow a profile read from an ADS1115 on
 * the line transducer (0.5-4.5 V for 0-12 bar, between pump and boiler): pre-infusion at 2.5 bar,
 * a ramp to 8 bar, a 5 s hold at 8 bar; then the pump stops and the three-way valve releases the group.
 *
 * Against today's plant the basket is blind, so nothing flows once the group is full: the profile
 * is a pressure profile of a sealed group (the pump tops it up, nothing bleeds it down).
 *
 *   ./backflush firmware run clients/arduino/examples/pressure_profile \
 *       --pins clients/arduino/examples/pressure_profile/pins.json --machine single-boiler \
 *       --scenario clients/arduino/examples/pressure_profile/brew.yaml --until 20
 */
#include <Wire.h>
#include <Adafruit_ADS1X15.h>
#include <PSM.h>

const int PIN_ZERO_CROSS = 2;
const int PIN_PUMP_TRIAC = 9;
const int PIN_SOLENOID = 7;
const int PIN_BREW = 4;
const unsigned int PUMP_RANGE = 100;

struct Segment {
  float seconds;
  float fromBar;
  float toBar;
};
const Segment PROFILE[] = {{7.0, 2.5, 2.5}, {2.0, 2.5, 8.0}, {5.0, 8.0, 8.0}};
const int SEGMENTS = sizeof(PROFILE) / sizeof(PROFILE[0]);

PSM pump(PIN_ZERO_CROSS, PIN_PUMP_TRIAC, PUMP_RANGE, RISING);
Adafruit_ADS1115 ads;

enum State { IDLE, SHOT, DONE };
State state = IDLE;
unsigned long shotStartMs, lastReportMs;
long strokesAtStart;

float lineBar() {
  int16_t counts = ads.readADC_SingleEnded(0);
  float volts = ads.computeVolts(counts);
  return (volts - 0.5f) * 12.0f / 4.0f;
}

/** The profile's target at `s` seconds into the shot, or a negative number once it is over. */
float target(float s) {
  for (int i = 0; i < SEGMENTS; i++) {
    if (s < PROFILE[i].seconds) return PROFILE[i].fromBar + (PROFILE[i].toBar - PROFILE[i].fromBar) * s / PROFILE[i].seconds;
    s -= PROFILE[i].seconds;
  }
  return -1.0f;
}

void setup() {
  Serial.begin(115200);
  pinMode(PIN_SOLENOID, OUTPUT);
  digitalWrite(PIN_SOLENOID, LOW);
  pinMode(PIN_BREW, INPUT_PULLUP);
  ads.setGain(GAIN_TWOTHIRDS);  // +-6.144 V: the whole 0.5-4.5 V span
  if (!ads.begin(0x48)) {
    Serial.println(F("no ADS1115"));
    while (true) delay(1000);
  }
  pump.set(0);
  Serial.println(F("pressure_profile: press brew"));
}

void loop() {
  if (state == IDLE) {
    if (digitalRead(PIN_BREW) == LOW) {
      state = SHOT;
      shotStartMs = lastReportMs = millis();
      strokesAtStart = pump.getCounter();
      digitalWrite(PIN_SOLENOID, HIGH);
      Serial.print(F("shot started at t="));
      Serial.println(shotStartMs / 1000.0, 3);
    }
    return;
  }
  if (state == DONE) return;
  float s = (millis() - shotStartMs) / 1000.0f;
  float want = target(s);
  if (want < 0) {
    pump.set(0);
    digitalWrite(PIN_SOLENOID, LOW);
    state = DONE;
    Serial.print(F("shot done after "));
    Serial.print(s, 2);
    Serial.print(F(" s, "));
    Serial.print(pump.getCounter() - strokesAtStart);
    Serial.println(F(" pump strokes"));
    return;
  }
  float bar = lineBar();
  // Proportional on the error; a sealed group cannot be bled down, so never push past the target.
  float duty = constrain((want - bar) * 2.0f, 0.0f, 1.0f);
  pump.set((unsigned int)(duty * PUMP_RANGE + 0.5f));
  if (millis() - lastReportMs >= 1000) {
    lastReportMs = millis();
    Serial.printf("t=%.2f s target %.2f bar line %.2f bar pump %u %%\n", s, want, bar, (unsigned)(duty * 100 + 0.5f));
  }
}
