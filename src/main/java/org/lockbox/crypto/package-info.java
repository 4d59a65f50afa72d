/** Key generation and authenticated wrapping: material under project KEKs, KEKs under master keys. */
package org.lockbox.crypto;
