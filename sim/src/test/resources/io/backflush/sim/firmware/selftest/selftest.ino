// The host kit's core API, printed as key=value lines for ArduinoKitTest.
#include <EEPROM.h>

const int PIN_PUMP = 9, PIN_VALVE = 7, PIN_FLOW = 3, PIN_BREW = 4;

volatile unsigned long flowPulses = 0, pressAtMs = 0, releaseAtMs = 0;
unsigned long loops = 0, loopsInSecond = 0;
bool pumping = false, reported = false;

void onFlow() { flowPulses++; }

void onBrew() {
  if (digitalRead(PIN_BREW) == LOW) pressAtMs = millis();
  else releaseAtMs = millis();
}

void setup() {
  Serial.begin(9600);
  formatting();  // defined below: needs the generated prototype
  uint32_t boots;
  EEPROM.get(0, boots);
  if (boots == 0xFFFFFFFFu) boots = 0;
  boots++;
  EEPROM.put(0, boots);
  Serial.print("boots=");
  Serial.println(boots);
  Serial.print("eeprom_length=");
  Serial.println(EEPROM.length());
  unsigned long t0 = millis();
  delay(100);
  Serial.print("delay100=");
  Serial.println(millis() - t0);
  t0 = millis();
  while (millis() - t0 < 250) {
  }
  Serial.print("busywait250=");
  Serial.println(millis() - t0);
  unsigned long u0 = micros();
  for (int i = 0; i < 4; i++) delayMicroseconds(250);
  Serial.print("micros1000=");
  Serial.println(micros() - u0);
  pinMode(PIN_BREW, INPUT_PULLUP);
  attachInterrupt(digitalPinToInterrupt(PIN_BREW), onBrew, CHANGE);
  pinMode(PIN_FLOW, INPUT);
  attachInterrupt(digitalPinToInterrupt(PIN_FLOW), onFlow, RISING);
  pinMode(PIN_PUMP, OUTPUT);
  pinMode(PIN_VALVE, OUTPUT);
  Serial.print("analog_idle=");
  Serial.println(analogRead(A0));
  Serial.print("setup_end=");
  Serial.println(millis());
}

void loop() {
  unsigned long now = millis();
  loops++;
  if (now >= 1000 && now < 2000) loopsInSecond++;
  if (now >= 1000 && !pumping && !reported) {
    pumping = true;
    digitalWrite(PIN_VALVE, HIGH);
    digitalWrite(PIN_PUMP, HIGH);
  }
  if (now >= 2000 && !reported) {
    reported = true;
    pumping = false;
    digitalWrite(PIN_PUMP, LOW);
    noInterrupts();
    unsigned long pulses = flowPulses;
    interrupts();
    Serial.print("loops_1s=");
    Serial.println(loopsInSecond);
    Serial.print("flow_pulses=");
    Serial.println(pulses);
    Serial.print("press_at=");
    Serial.println(pressAtMs);
    Serial.print("release_at=");
    Serial.println(releaseAtMs);
  }
}

void formatting() {
  Serial.print("hex=");
  Serial.println(255, HEX);
  Serial.print("neg_hex=");
  Serial.println(-1, HEX);
  Serial.print("bin=");
  Serial.println(5, BIN);
  Serial.print("float=");
  Serial.println(1.5);
  Serial.print("float3=");
  Serial.println(3.14159, 3);
  Serial.printf("printf=%d-%s\n", 42, "ok");
  String s = String("ab") + 12 + 'c' + String(255, HEX) + String(2.5f, 1);
  s.toUpperCase();
  Serial.println("string=" + s);
  Serial.print("substring=");
  Serial.println(s.substring(2, 4));
  Serial.print("indexof=");
  Serial.println(s.indexOf("FF"));
  Serial.print("toint=");
  Serial.println(String(" -17 ").toInt());
  Serial.print("map=");
  Serial.println(map(512, 0, 1023, 0, 255));
  Serial.print("constrain=");
  Serial.println(constrain(300, 0, 255));
  Serial.print("min=");
  Serial.println(min(3, 2.5));
}
