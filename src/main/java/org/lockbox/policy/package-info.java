/** Who may do what: the role table and the checks applied to every request. */
package org.lockbox.policy;
