/** Containers that group secrets, such as the private and public halves of a key pair. */
package org.lockbox.container;
