/** Orders: server-side generation of symmetric keys and asymmetric key pairs. */
package org.lockbox.order;
