/** The read-only key inventory across projects that the admin console shows: counts, key metadata, sealer state; never material. */
package org.lockbox.inventory;
