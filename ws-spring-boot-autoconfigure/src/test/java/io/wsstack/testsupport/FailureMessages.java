package io.wsstack.testsupport;

/** Joins the messages of a failure and all its causes, so a test can assert what a user would read. */
public final class FailureMessages {

    private FailureMessages() {
    }

    public static String of(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
