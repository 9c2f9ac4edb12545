/* avr/interrupt.h - cli()/sei() as the kit's noInterrupts()/interrupts(). */
#ifndef BACKFLUSH_AVR_INTERRUPT_H
#define BACKFLUSH_AVR_INTERRUPT_H

void noInterrupts(void);
void interrupts(void);
#define cli() noInterrupts()
#define sei() interrupts()

#endif
