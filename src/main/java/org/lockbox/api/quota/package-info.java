/** Project quotas over HTTP. */
package org.lockbox.api.quota;
