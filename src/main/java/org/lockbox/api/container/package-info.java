/** Containers of secret references and their consumers over HTTP. */
package org.lockbox.api.container;
