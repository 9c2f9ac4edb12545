// transducer: pumps against the blind basket for 7 s, releases, and at 8.5 s prints what its
// ADS1115 reads on channel 0 (the machine's transducer: no "sensor" in the pin map) and on
// channel 1 (the line) and 2 (the group), as counts.
#include <Adafruit_ADS1X15.h>

Adafruit_ADS1115 ads;
bool printed = false;

void setup() {
  Serial.begin(115200);
  pinMode(6, OUTPUT);
  pinMode(7, OUTPUT);
  ads.begin(0x48);
}

void loop() {
  bool filling = millis() < 7000;
  digitalWrite(6, filling ? HIGH : LOW);
  digitalWrite(7, filling ? HIGH : LOW);
  if (!printed && millis() >= 8500) {
    printed = true;
    Serial.printf("machine=%d\n", ads.readADC_SingleEnded(0));
    Serial.printf("line=%d\n", ads.readADC_SingleEnded(1));
    Serial.printf("group=%d\n", ads.readADC_SingleEnded(2));
  }
}
