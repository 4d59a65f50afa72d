package org.lockbox.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name value} options of an operator command (lockbox-admin), after the command word. */
public final class CommandOptions {

    private CommandOptions() {
    }

    /** Each option's values in the order given; everything after {@code args[0]} must be {@code --name value}. */
    public static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --option value, got '" + args[i] + "'");
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        return options;
    }

    /** The option's last value; refused when it was not given. */
    public static String required(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return values.get(values.size() - 1);
    }
}
