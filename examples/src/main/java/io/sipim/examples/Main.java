package io.sipim.examples;

/** Entry point of {@code sipim-examples.jar}: dispatches to a subcommand. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("usage: sipim <lint> ...");
        System.exit(2);
    }
}
