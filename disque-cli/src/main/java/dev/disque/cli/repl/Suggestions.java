/*
 * Suggestions: values completion fetches from the server (queue names,
 * configuration parameters). Empty when not connected.
 */
package dev.disque.cli.repl;

import java.util.List;

public interface Suggestions {
    List<String> queues();

    List<String> configParameters();

    Suggestions NONE = new Suggestions() {
        @Override
        public List<String> queues() {
            return List.of();
        }

        @Override
        public List<String> configParameters() {
            return List.of();
        }
    };
}
