// Firmware that goes wrong when a button says so, for ArduinoKitTest's exit codes.
#include <unistd.h>  // host only: usleep stands for a loop that stalls (a blocking call, a debugger)

const int PIN_CRASH = 5, PIN_HANG = 6, PIN_STALL = 8;
volatile int *nowhere = nullptr;
volatile unsigned long counter = 0;

void setup() {
  pinMode(PIN_CRASH, INPUT_PULLUP);
  pinMode(PIN_HANG, INPUT_PULLUP);
  pinMode(PIN_STALL, INPUT_PULLUP);
}

void loop() {
  if (digitalRead(PIN_CRASH) == LOW) {
    Serial.println("crashing");
    *nowhere = 1;
  }
  if (digitalRead(PIN_HANG) == LOW) {
    Serial.println("hanging");
    for (;;) counter++;  // calls nothing of the kit: the plant cannot run
  }
  if (digitalRead(PIN_STALL) == LOW) {
    Serial.println("stalling");
    usleep(1500 * 1000);
    while (digitalRead(PIN_STALL) == LOW) delay(1);
  }
}
