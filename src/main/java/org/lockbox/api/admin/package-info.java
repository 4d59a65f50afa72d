/** Master keys, project KEKs, rotations and the key inventory over HTTP, for operators. */
package org.lockbox.api.admin;
