/** Key rotation: master-key versions provisioned and retired online, project KEKs rotated, and the background rewrapping. */
package org.lockbox.rotation;
