import { Args, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { UseGuards } from '@nestjs/common';
import { GqlAuthGuard } from './auth/gql-auth.guard';
import { CurrentUser, type JwtUser } from './auth/current-user.decorator';

@ObjectType()
class PostDraft {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() body!: string;
  @Field() savedAt!: Date;
}

@InputType()
class SaveDraftInput {
  @Field() title!: string;
  @Field() body!: string;
}

@Resolver(() => PostDraft)
@UseGuards(GqlAuthGuard)
export class DraftsResolver {
  private drafts: Record<string, PostDraft> = {};

  @Query(() => PostDraft, { nullable: true })
  myDraft(@CurrentUser() user: JwtUser): PostDraft | null {
    return this.drafts[user.sub] ?? null;
  }

  @Mutation(() => PostDraft)
  saveDraft(@CurrentUser() user: JwtUser, @Args('input') input: SaveDraftInput): PostDraft {
    const draft = { id: user.sub, title: input.title, body: input.body, savedAt: new Date() };
    this.drafts[user.sub] = draft;
    return draft;
  }

  @Mutation(() => Boolean)
  discardDraft(@CurrentUser() user: JwtUser): boolean {
    const existed = user.sub in this.drafts;
    delete this.drafts[user.sub];
    return existed;
  }
}
