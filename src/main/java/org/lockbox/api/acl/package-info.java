/** The read ACLs of secrets and containers over HTTP. */
package org.lockbox.api.acl;
