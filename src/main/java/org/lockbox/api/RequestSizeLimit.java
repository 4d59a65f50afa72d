package org.lockbox.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Refuses request bodies over the configured size with 413, whether or not they declare a length. */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "lockbox.max-request-bytes")
    int maxRequestBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxRequestBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new Limited(request.getEntityStream(), maxRequestBytes));
    }

    private ApiException tooLarge() {
        return ApiException.tooLarge("The request body is larger than " + maxRequestBytes + " bytes.");
    }

    private final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }
}
