/** Project quotas: how many secrets, orders, containers and consumers a project may hold, and their enforcement. */
package org.lockbox.quota;
