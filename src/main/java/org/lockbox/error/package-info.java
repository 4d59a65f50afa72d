/** Domain errors that services raise, each with a message safe to show the caller; depends on no other Lockbox package. */
package org.lockbox.error;
