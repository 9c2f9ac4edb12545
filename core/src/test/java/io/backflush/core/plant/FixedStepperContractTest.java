package io.backflush.core.plant;

/** The stepper contract for the product's fixed stepper (1 ms). */
class FixedStepperContractTest extends StepperContract {
    @Override
    StepperKind kind() {
        return StepperKind.FIXED;
    }
}
