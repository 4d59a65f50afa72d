/** Cryptographic primitives with no knowledge of keys or providers: key derivation and the random source. */
package org.lockbox.primitive;
