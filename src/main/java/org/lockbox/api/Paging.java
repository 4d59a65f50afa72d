package org.lockbox.api;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Barbican's paging parameters, as every listing takes them ({@code @BeanParam}); bad values are a 400. */
public class Paging {

    @QueryParam("offset")
    @Parameter(description = "How many to skip (default 0)", schema = @Schema(type = SchemaType.INTEGER))
    String offset;

    @QueryParam("limit")
    @Parameter(description = "How many at most (default 10, at most 100)", schema = @Schema(type = SchemaType.INTEGER))
    String limit;

    public int offset() {
        return Listing.offset(offset);
    }

    public int limit() {
        return Listing.limit(limit);
    }
}
