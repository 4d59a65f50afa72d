/** Who is calling: token extraction and validation, the development issuer, the Caller every request becomes. */
package org.lockbox.identity;
