package io.backflush.core.plant;

/** The stepper contract for the Commons Math reference stepper. */
class ReferenceStepperContractTest extends StepperContract {
    @Override
    StepperKind kind() {
        return StepperKind.REFERENCE;
    }
}
