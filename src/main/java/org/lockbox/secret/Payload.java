package org.lockbox.secret;

/** A secret's material in clear, on its way to the caller, with its normalised content type. */
public record Payload(String contentType, byte[] bytes) {

    @Override
    public String toString() {
        return "Payload[" + contentType + ", " + bytes.length + " bytes]";
    }
}
