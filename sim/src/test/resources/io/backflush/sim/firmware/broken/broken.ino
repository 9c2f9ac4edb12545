void setup() {
}

void loop() {
  int x = undefined_thing;
}
