package org.lockbox.quota;

import java.util.Locale;

/** The resources a project quota limits, named as Barbican names them. */
public enum Quota {
    SECRETS, ORDERS, CONTAINERS, CONSUMERS, CAS;

    /** No limit: Barbican treats every negative value so. */
    public static final int UNLIMITED = -1;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
