package org.lockbox.rootoftrust.enrollment;

/** One version of one service's master key, as a transfer names it. */
public record ServiceVersion(String service, int version) implements Comparable<ServiceVersion> {

    @Override
    public int compareTo(ServiceVersion other) {
        int byService = service.compareTo(other.service);
        return byService != 0 ? byService : Integer.compare(version, other.version);
    }

    @Override
    public String toString() {
        return service + " v" + version;
    }
}
