package org.hl7gw.gateway;

import java.lang.reflect.Constructor;
import org.hl7gw.gateway.cli.Terminal;
import picocli.CommandLine;

/** Builds command objects, handing them the terminal they print to (no global System.out in commands). */
final class CommandFactory implements CommandLine.IFactory {
    private final Terminal terminal;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Terminal.class) {
                c.setAccessible(true);
                return cls.cast(c.newInstance(terminal));
            }
        }
        return fallback.create(cls);
    }
}
