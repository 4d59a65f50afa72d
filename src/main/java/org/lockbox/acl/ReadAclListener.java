package org.lockbox.acl;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/** Tells whoever holds ACLs in memory that one was written, whichever code path wrote it. */
public class ReadAclListener {

    @Inject
    Event<ReadAclChanged> changed;

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(ReadAcl acl) {
        changed.fire(new ReadAclChanged(acl.resourceKind(), acl.resourceId()));
    }
}
