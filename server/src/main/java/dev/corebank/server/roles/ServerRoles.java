package dev.corebank.server.roles;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What this process of the one binary runs, from {@code corebank.roles} (command line {@code --roles=api,aml},
 * environment {@code COREBANK_ROLES}). The engine, the HTTP API and the journal's reactors always run ({@code api});
 * the other roles add the bank's own services, which consume the event bus. A role that is not named is off, so the
 * default process needs no broker.
 *
 * @param roles the role names, comma separated on the command line
 */
@ConfigurationProperties("corebank")
public record ServerRoles(@DefaultValue("api") List<String> roles) {
    /** A part of the binary that can be turned on. */
    public enum Role {
        /** The ledger engine, the HTTP API and the reactors: always on. */
        API,
        /** Customer notifications: a message for each posting that touches a customer account. */
        NOTIFICATIONS,
        /** The AML and velocity monitor: alerts, and freezes through the command layer. */
        AML,
        /**
         * The payment network simulator: a clearing house the banks reach over RabbitMQ, settling between them in
         * this node's own ledger (see docs/payments.md).
         */
        NETWORK;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ServerRoles {
        roles = List.copyOf(roles);
        for (String role : roles) {
            parse(role);
        }
    }

    /** The roles on, {@code api} always among them. */
    public Set<Role> enabled() {
        Set<Role> enabled = EnumSet.of(Role.API);
        for (String role : roles) {
            enabled.add(parse(role));
        }
        return enabled;
    }

    public boolean has(Role role) {
        return enabled().contains(role);
    }

    private static Role parse(String role) {
        String name = role.strip().toUpperCase(Locale.ROOT);
        for (Role known : Role.values()) {
            if (known.name().equals(name)) {
                return known;
            }
        }
        throw new IllegalArgumentException("unknown role role=" + role
                + "; known roles: api, notifications, aml, network");
    }
}
