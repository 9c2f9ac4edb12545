/*
 * cup_scale - a brew-by-weight controller: the brew button tares the HX711 cup scale, starts the
 * pump and energises the three-way valve; the pump stops when the cup will reach 36 g (the
 * weight now plus the flow times the scale's and the pump's lag), and the valve releases 2 s later.
 * The scale's calibration (counts per gram) is kept in EEPROM, written on first boot.
 *
 * What the plant lets it weigh: the sensor frame has no cup volume and today's HIL plant has a
 * blind basket, so the kit's HX711 weighs the water that left the tank and did not reach the drip
 * tray - against a blind basket, the water pushed into the group. The stop logic is exercised on
 * the closest honest signal, not on a real shot (README, "Your Arduino firmware against the plant").
 *
 *   ./backflush firmware run clients/arduino/examples/cup_scale --pins clients/arduino/examples/cup_scale/pins.json \
 *       --machine single-boiler --scenario clients/arduino/examples/cup_scale/brew.yaml --until 10
 */
#include <EEPROM.h>
#include <HX711.h>

const int PIN_SCALE_DOUT = 3;
const int PIN_SCALE_SCK = 4;
const int PIN_BREW = 5;
const int PIN_PUMP = 6;
const int PIN_VALVE = 7;

const float TARGET_G = 36.0f;
const float LAG_S = 0.03f;              // one 80 Hz conversion plus the pump's last stroke
const float DEFAULT_COUNTS_PER_G = 1000.0f;
const int EEPROM_CALIBRATION = 0;       // float at address 0
const unsigned long SHOT_TIMEOUT_MS = 40000;

HX711 scale;

enum State { IDLE, BREWING, SETTLING, DONE };
State state = IDLE;
unsigned long shotStartMs, stoppedAtMs;
float lastGrams = 0;
unsigned long lastGramsMs = 0;
float flowGPerS = 0;

void setup() {
  Serial.begin(115200);
  pinMode(PIN_PUMP, OUTPUT);
  pinMode(PIN_VALVE, OUTPUT);
  digitalWrite(PIN_PUMP, LOW);
  digitalWrite(PIN_VALVE, LOW);
  pinMode(PIN_BREW, INPUT_PULLUP);
  float countsPerGram;
  EEPROM.get(EEPROM_CALIBRATION, countsPerGram);
  if (isnan(countsPerGram) || countsPerGram <= 0) {  // an erased EEPROM reads 0xFF bytes: NaN
    countsPerGram = DEFAULT_COUNTS_PER_G;
    EEPROM.put(EEPROM_CALIBRATION, countsPerGram);
    Serial.println(F("calibration written to EEPROM"));
  }
  scale.begin(PIN_SCALE_DOUT, PIN_SCALE_SCK);
  scale.set_scale(countsPerGram);
  scale.tare(10);
  Serial.print(F("cup_scale: target "));
  Serial.print(TARGET_G, 1);
  Serial.println(F(" g; press brew"));
}

void loop() {
  switch (state) {
    case IDLE:
      if (digitalRead(PIN_BREW) == LOW) {
        scale.tare(4);
        lastGrams = 0;
        flowGPerS = 0;
        shotStartMs = lastGramsMs = millis();
        digitalWrite(PIN_VALVE, HIGH);
        digitalWrite(PIN_PUMP, HIGH);
        state = BREWING;
        Serial.print(F("shot started at t="));
        Serial.println(shotStartMs / 1000.0, 3);
      }
      break;
    case BREWING: {
      float grams = scale.get_units(1);  // waits for the next conversion (12.5 ms at 80 Hz)
      unsigned long now = millis();
      if (now > lastGramsMs) flowGPerS = 0.7f * flowGPerS + 0.3f * (grams - lastGrams) * 1000.0f / (now - lastGramsMs);
      lastGrams = grams;
      lastGramsMs = now;
      bool timeout = now - shotStartMs >= SHOT_TIMEOUT_MS;
      if (grams + flowGPerS * LAG_S >= TARGET_G || timeout) {
        digitalWrite(PIN_PUMP, LOW);
        stoppedAtMs = now;
        state = SETTLING;
        Serial.printf("pump stopped at %.2f g after %.2f s%s\n", grams, (now - shotStartMs) / 1000.0, timeout ? " (timeout)" : "");
      }
      break;
    }
    case SETTLING:
      if (millis() - stoppedAtMs >= 2000) {
        Serial.printf("shot: %.2f g\n", scale.get_units(4));
        digitalWrite(PIN_VALVE, LOW);
        state = DONE;
      }
      break;
    case DONE:
      break;
  }
}
