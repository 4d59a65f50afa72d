package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lockbox.error.ConflictException;
import org.lockbox.error.ForbiddenException;
import org.lockbox.error.InvalidRequestException;
import org.lockbox.error.NotFoundException;
import org.lockbox.error.NotImplementedException;
import org.lockbox.error.OperationFailedException;
import org.lockbox.error.TooLargeException;

class ErrorMapperTest {

    @Test
    void domainErrorsTakeBarbicansStatuses() {
        assertEquals(400, ErrorMapper.status(new InvalidRequestException("bad")));
        assertEquals(403, ErrorMapper.status(new ForbiddenException("quota")));
        assertEquals(404, ErrorMapper.status(new NotFoundException("gone")));
        assertEquals(409, ErrorMapper.status(new ConflictException("busy")));
        assertEquals(413, ErrorMapper.status(new TooLargeException("big")));
        assertEquals(501, ErrorMapper.status(new NotImplementedException("no")));
        assertEquals(500, ErrorMapper.status(new OperationFailedException("failed")));
    }

    @Test
    void aDomainErrorKeepsItsDescriptionAndNoStackTrace() {
        NotFoundException e = new NotFoundException("Secret not found.");
        assertEquals("Secret not found.", e.getMessage());
        assertEquals(0, e.getStackTrace().length);
    }
}
