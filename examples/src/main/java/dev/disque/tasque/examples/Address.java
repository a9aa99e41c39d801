package dev.disque.tasque.examples;

/** Where the examples find Disque: the first argument, else $DISQUE_ADDR, else 127.0.0.1:7711 (as in the seed). */
final class Address {
    private Address() {
    }

    static String of(String[] args) {
        if (args.length > 0 && !args[0].isEmpty()) return args[0];
        String env = System.getenv("DISQUE_ADDR");
        return env == null || env.isEmpty() ? "127.0.0.1:7711" : env;
    }
}
