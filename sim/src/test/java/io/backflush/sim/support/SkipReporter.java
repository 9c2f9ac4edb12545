package io.backflush.sim.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Says why each test was skipped: a disabled test or a failed assumption (no g++, no Chromium,
 * running as root) is listed with its reason at the end of the module's tests, on the console even
 * though the tests' own output goes to {@code target/surefire-reports/*-output.txt}. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class SkipReporter implements TestExecutionListener {
    private final List<String> skipped = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        record(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private synchronized void record(TestIdentifier test, String reason) {
        String name = test.getSource().map(s -> s instanceof MethodSource m ? m.getClassName() + "." + m.getMethodName()
                : s instanceof ClassSource c ? c.getClassName() : s.toString()).orElse(test.getDisplayName());
        skipped.add("[SKIPPED] " + name + ": " + (reason == null ? "no reason given" : reason.replace('\n', ' ')));
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        // the process's own stderr: surefire passes it to the console, not to the redirected test output
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        skipped.forEach(err::println);
        err.flush();
    }
}
