output "event_topics" {
  description = "Event topic names."
  value       = sort(keys(local.event_topics))
}

output "dead_letter_topics" {
  description = "Dead-letter topic names."
  value       = sort(keys(local.dead_letter_topics))
}

output "partitions" {
  description = "Partitions of every topic."
  value       = var.partitions
}
