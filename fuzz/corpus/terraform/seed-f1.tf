resource "aws_lb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP" # expect: TG-AWS-ELB-001

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067"
  }
}

resource "aws_alb_listener" "admin" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/admin/6d0ecf831eec9f09"
  port              = 8080
  protocol          = "HTTP" # expect: TG-AWS-ELB-001

  default_action {
    type = "redirect"

    redirect {
      port        = "8081"
      status_code = "HTTP_302"
    }
  }
}
