/** What operators may do to a job execution, as rules: a running execution may be stopped, a finished one abandoned or restarted. */
package io.picktartup.operations.entity;
