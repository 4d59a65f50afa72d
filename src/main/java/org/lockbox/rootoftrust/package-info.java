/** Master keys: the provider that seals them, their records, their unsealing at startup and their state. */
package org.lockbox.rootoftrust;
