/** Grants between services and Keystone trusts over HTTP. */
package org.lockbox.api.access;
