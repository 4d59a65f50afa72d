/** Secret stores (Barbican's store back ends): the one Lockbox offers, and each project's preferred store. */
package org.lockbox.store;
